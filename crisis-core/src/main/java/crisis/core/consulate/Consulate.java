package crisis.core.consulate;

import java.util.List;

/**
 * A consulate and its jurisdiction: the countries whose resident nationals it serves.
 *
 * @param id lower-case slug such as {@code fr-paris}
 */
public record Consulate(String id, String name, String city, String country, String phone, String email,
    List<String> jurisdiction) {}
