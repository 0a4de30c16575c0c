package dev.jikji.events;

/** A request Slack sent: an event's type, {@code command} or {@code interaction}. */
public record SlackRequestReceived(String type) {}
