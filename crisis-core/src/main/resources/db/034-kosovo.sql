--liquibase formatted sql

--changeset crisis:034-kosovo
-- Kosovo (XK, the user-assigned code consulates use) as a country of residence and of a jurisdiction, named as i18n-iso-countries names it.
INSERT INTO country (iso2, name_en, name_fr, name_ar) VALUES ('XK', 'Kosovo', 'Kosovo', 'كوسوفو')
  ON CONFLICT (iso2) DO NOTHING;
