package dev.oktaprov.simulator.query;

/** A filter or search expression Okta would refuse with 400 E0000031 "Invalid search criteria.". */
public final class InvalidSearchCriteriaException extends RuntimeException {

    public InvalidSearchCriteriaException(String detail) {
        super(detail);
    }
}
