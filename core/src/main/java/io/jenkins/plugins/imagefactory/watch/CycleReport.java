package io.jenkins.plugins.imagefactory.watch;

import java.util.List;

/** Every outcome of one check cycle, in the order the references were checked. */
public record CycleReport(List<CheckOutcome> outcomes) {

    public CycleReport {
        outcomes = List.copyOf(outcomes);
    }

    public List<CheckOutcome.Updated> updated() {
        return of(CheckOutcome.Updated.class);
    }

    public List<CheckOutcome.Unchanged> unchanged() {
        return of(CheckOutcome.Unchanged.class);
    }

    public List<CheckOutcome.Discovered> discovered() {
        return of(CheckOutcome.Discovered.class);
    }

    public List<CheckOutcome.Failed> failed() {
        return of(CheckOutcome.Failed.class);
    }

    public List<CheckOutcome.Deferred> deferred() {
        return of(CheckOutcome.Deferred.class);
    }

    private <T extends CheckOutcome> List<T> of(Class<T> type) {
        return outcomes.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
