package dev.jikji.events;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The server's {@link EventSink}: a synchronous CDI event, so observers see it before the request is answered.
 * Nothing is fired from {@link Unobserved} work.
 */
@Singleton
public class CdiEventSink implements EventSink {

    @Inject
    Event<Object> bus;

    @Override
    public void publish(Object event) {
        if (!Unobserved.active()) bus.fire(event);
    }
}
