package dev.jikji.rag;

import dev.jikji.search.SearchHit;

/** A retrieved chunk as given to the generator, numbered from 1 as the answer cites it. */
public record Source(int n, SearchHit hit, String text) {

    public Source(int n, SearchHit hit) {
        this(n, hit, hit.text());
    }

    /** What a claim citing this source may rely on: its title, heading path and text. */
    public String supportText() {
        return hit.title() + "\n" + String.join(" ", hit.headingPath()) + "\n" + hit.text();
    }

    /** The same source with its text cut to fit the model's context window. */
    public Source truncated(String shorter) {
        return new Source(n, hit, shorter);
    }
}
