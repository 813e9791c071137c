package crisis.core.registry;

import java.time.LocalDate;

/**
 * A person who lives with the registered national and would leave with them. May be a non-national, in which
 * case {@code nationality} says of which country (ISO 3166-1 alpha-2).
 */
public record HouseholdMember(String fullName, Relation relation, LocalDate dateOfBirth, String nationality) {}
