package dev.oktaprov.provisioning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When a new hire starts, and so when its user is activated: the user is created STAGED (groups
 * included) at once and activated at {@code activateAt}, the start date's activation time in the
 * hire's time zone. Build it with {@link NewHireValidator}.
 *
 * @param activateAt the moment of activation, in UTC
 * @param waitsForStartDate whether {@code activateAt} was still ahead when the hire was validated;
 *     false means the start date has come (up to {@value StartDates#GRACE_DAYS} days ago): activate at once
 */
public record StartSchedule(LocalDate startDate, ZoneId timeZone, LocalTime activationTime, Instant activateAt,
        boolean waitsForStartDate) {}
