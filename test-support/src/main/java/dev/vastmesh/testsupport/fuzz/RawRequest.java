package dev.vastmesh.testsupport.fuzz;

/**
 * One request as the bytes on the wire.
 *
 * @param bytes what is written to the socket
 * @param summary what the request was, for a failure report (printable, shortened)
 * @param halfClose whether the write side is shut after the bytes: the request declares more than
 *     it sends, and the server must learn that nothing else is coming
 * @param head whether it is a HEAD request, whose answer has no body
 */
public record RawRequest(byte[] bytes, String summary, boolean halfClose, boolean head) {
}
