package dev.jikji.auth;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current HTTP request, set by {@link AuthFilter}; read by resources to scope what they show. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public void set(Caller caller) {
        this.caller = caller;
    }

    /** The caller; {@link Caller#PUBLIC} (public documents only) where the filter did not run, which fails closed. */
    public Caller get() {
        return caller == null ? Caller.PUBLIC : caller;
    }

    /** The groups whose documents the caller may see; {@code null}: every document. */
    public java.util.Set<String> groups() {
        return get().groups();
    }
}
