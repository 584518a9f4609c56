package dev.strela.execution.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the rules decide for one signal; the one fact they change (always through {@code modify}).
 *
 * <p>A decision has up to two legs. The closing leg ({@link #getCloseLots()}) flattens the strategy's position
 * (CLOSE, and the first half of REVERSE); the entry leg ({@link #getEntryLots()}) opens or adds (OPEN, ADD, the
 * second half of REVERSE). Rules refuse the whole signal with {@link #refuse}, or only its entry leg with
 * {@link #refuseEntry}: a REVERSE whose new side is refused still closes the old one.
 */
public final class Decision {

    /** Decision kinds as stored in {@code decisions.decision}. */
    public static final String ORDER = "order";
    public static final String REFUSED = "refused";
    public static final String NOT_SENT = "not_sent";

    private String kind;
    private String code;
    private final List<String> reasons = new ArrayList<>();
    private boolean entryAllowed = true;
    private String entryRefusal;
    private long closeLots;
    private int slotsFreed;
    private boolean closeSized;
    private BigDecimal stopDistance;
    private BigDecimal riskSpan;
    private BigDecimal maxLossMoney;
    private BigDecimal sizeMoney;
    private Long entryLots;
    private BigDecimal requiredCash;
    private boolean cashChecked;

    /** Refuses the whole signal with {@code code}; {@code reason} reads {@code code: key=value, ...}. */
    public void refuse(String code, String reason) {
        decideAgainst(REFUSED, code, reason);
    }

    /** Stores the decision without sending anything (stop-trading). */
    public void notSent(String code, String reason) {
        decideAgainst(NOT_SENT, code, reason);
    }

    /**
     * Refuses the entry leg. When a closing leg remains (a REVERSE of a held position) the signal still closes;
     * otherwise the whole signal is refused with {@code code}.
     */
    public void refuseEntry(String code, String reason) {
        if (closeLots > 0) {
            entryAllowed = false;
            entryRefusal = code;
            entryLots = 0L;
            reasons.add(reason);
        } else {
            refuse(code, reason);
        }
    }

    private void decideAgainst(String newKind, String newCode, String reason) {
        if (kind == null) {
            kind = newKind;
            code = newCode;
        }
        entryAllowed = false;
        reasons.add(reason);
    }

    /** True once the signal is refused or not sent; later rules leave it alone. */
    public boolean isRefused() { return kind != null; }
    /** order, refused or not_sent. */
    public String getKind() { return kind != null ? kind : ORDER; }
    /** The refusal code; null for an order. */
    public String getCode() { return code; }
    public List<String> getReasons() { return Collections.unmodifiableList(reasons); }
    /** False once the entry leg is refused (the closing leg may go on). */
    public boolean isEntryAllowed() { return entryAllowed && kind == null; }
    /** Why the entry leg of an order was dropped, when it was. */
    public String getEntryRefusal() { return entryRefusal; }
    public long getCloseLots() { return closeLots; }
    public void setCloseLots(long closeLots) { this.closeLots = closeLots; }
    /** Position slots the closing leg gives back (1 when a REVERSE closes a position). */
    public int getSlotsFreed() { return slotsFreed; }
    public void setSlotsFreed(int slotsFreed) { this.slotsFreed = slotsFreed; }
    public boolean isCloseSized() { return closeSized; }
    public void setCloseSized(boolean closeSized) { this.closeSized = closeSized; }
    /** |entry - stop| in price units. */
    public BigDecimal getStopDistance() { return stopDistance; }
    public void setStopDistance(BigDecimal stopDistance) { this.stopDistance = stopDistance; }
    /** |entry - stop| / entry, rounded for display; the rules compare exact products instead. */
    public BigDecimal getRiskSpan() { return riskSpan; }
    public void setRiskSpan(BigDecimal riskSpan) { this.riskSpan = riskSpan; }
    public BigDecimal getMaxLossMoney() { return maxLossMoney; }
    public void setMaxLossMoney(BigDecimal maxLossMoney) { this.maxLossMoney = maxLossMoney; }
    public BigDecimal getSizeMoney() { return sizeMoney; }
    public void setSizeMoney(BigDecimal sizeMoney) { this.sizeMoney = sizeMoney; }
    /** Lots of the entry leg; null until sized. */
    public Long getEntryLots() { return entryLots; }
    public void setEntryLots(Long entryLots) { this.entryLots = entryLots; }
    public BigDecimal getRequiredCash() { return requiredCash; }
    public void setRequiredCash(BigDecimal requiredCash) { this.requiredCash = requiredCash; }
    public boolean isCashChecked() { return cashChecked; }
    public void setCashChecked(boolean cashChecked) { this.cashChecked = cashChecked; }

    /** Lots of the entry leg that will be sent: 0 when refused or not sized. */
    public long entryLotsToSend() {
        return isEntryAllowed() && entryLots != null && entryLots > 0 ? entryLots : 0;
    }

    /** Lots of the closing leg that will be sent: 0 when the signal is refused. */
    public long closeLotsToSend() {
        return kind == null ? closeLots : 0;
    }
}
