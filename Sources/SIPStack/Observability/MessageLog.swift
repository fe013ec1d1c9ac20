/// The log of every SIP message the transport layer sent or received: a bounded ring
/// that drops (and counts) the oldest entries when its readers fall behind.
public typealias MessageLog = EventRing<MessageLogEntry>
