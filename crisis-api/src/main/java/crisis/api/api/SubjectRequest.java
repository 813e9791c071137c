package crisis.api.api;

/**
 * A person's request about their data, as the officer verified it.
 *
 * @param request the request's reference (a file number, never a name), written to the audit trail
 * @param language the copy's language, for the PDF: {@code fr} or {@code ar}
 */
public record SubjectRequest(String request, String language) {}
