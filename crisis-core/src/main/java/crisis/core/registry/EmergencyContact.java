package crisis.core.registry;

/** Someone at home to call about the national; the phone may be a landline, in E.164. */
public record EmergencyContact(String name, String phone, Relation relation) {}
