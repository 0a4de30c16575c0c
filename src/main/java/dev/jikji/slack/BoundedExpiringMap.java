package dev.jikji.slack;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memory that cannot grow without bound on a long-running server: entries expire after {@code ttl} and the
 * oldest go first past {@code capacity}. Insertion order is expiry order because every put refreshes its entry.
 */
final class BoundedExpiringMap<V> {

    private record Entry<V>(V value, Instant at) {}

    private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>();
    private final int capacity;
    private final Duration ttl;

    BoundedExpiringMap(int capacity, Duration ttl) {
        this.capacity = capacity;
        this.ttl = ttl;
    }

    synchronized V get(String key, Instant now) {
        expire(now);
        Entry<V> e = entries.get(key);
        return e == null ? null : e.value();
    }

    /** Stores the value; returns the live value it replaced, or null. */
    synchronized V put(String key, V value, Instant now) {
        expire(now);
        Entry<V> old = entries.remove(key);
        entries.put(key, new Entry<>(value, now));
        while (entries.size() > capacity) {
            Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
            it.next();
            it.remove();
        }
        return old == null ? null : old.value();
    }

    /** Stores the value only when the key is not live; true when it was stored. */
    synchronized boolean putIfAbsent(String key, V value, Instant now) {
        expire(now);
        if (entries.containsKey(key)) return false;
        put(key, value, now);
        return true;
    }

    synchronized int size() {
        return entries.size();
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(ttl);
        Iterator<Entry<V>> it = entries.values().iterator();
        while (it.hasNext() && it.next().at().isBefore(cutoff)) it.remove();
    }
}
