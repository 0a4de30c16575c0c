package dev.jikji.events;

/** The start-up warm-up is over: how many searches and answers it ran (none of them counted elsewhere), in how long. */
public record WarmedUp(int searches, int asks, long nanos) {}
