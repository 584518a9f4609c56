package dev.strela.web.internal.api;

import java.time.Instant;
import java.util.Set;

import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;
import dev.strela.web.internal.auth.WebUser;

/**
 * The trading controls. {@code GET /strela/api/trading-control} reads the flags; {@code POST
 * /strela/api/trading-control/{stop-trading|resume|safe-mode-on|safe-mode-off}} with a non-blank {@code reason}
 * changes one, recorded in {@code trading_control_log} with who ({@code web:<user>}), why and when, exactly as the
 * console's commands do. Resuming is refused (409 {@code resume_refused}) while a reconciliation mismatch waits for
 * an acknowledgement.
 */
public final class ControlEndpoint {

    /** The flags and their last change. */
    public record Flags(boolean stopTrading, boolean safeMode, String reason, String changedBy, Instant changedAt) {

        static Flags of(TradingControl tc) {
            return new Flags(tc.stopTrading(), tc.safeMode(), tc.reason(), tc.changedBy(), tc.changedAt());
        }
    }

    /** The actions, by the last part of their path. */
    public enum Action {
        STOP_TRADING("stop-trading"), RESUME("resume"), SAFE_MODE_ON("safe-mode-on"), SAFE_MODE_OFF("safe-mode-off");

        final String path;

        Action(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    private final DataServices data;

    public ControlEndpoint(DataServices data) {
        this.data = data;
    }

    public Endpoint read() {
        return (params, user) -> {
            params.only(Set.of());
            return Flags.of(data.tradingControl().current());
        };
    }

    public Endpoint change(Action action) {
        return (params, user) -> change(action, params.only(Set.of("reason")).text("reason"), user);
    }

    private Flags change(Action action, String reason, WebUser user) {
        if (reason == null) {
            throw ApiException.badRequest("reason: required, and not blank: every change of the trading controls is"
                    + " logged with why");
        }
        TradingControlRepository control = data.tradingControl();
        String who = user.changedBy();
        return Flags.of(switch (action) {
            case STOP_TRADING -> control.setStopTrading(true, reason, who);
            case RESUME -> resume(control, reason, who);
            case SAFE_MODE_ON -> control.setSafeMode(true, reason, who);
            case SAFE_MODE_OFF -> control.setSafeMode(false, reason, who);
        });
    }

    private static TradingControl resume(TradingControlRepository control, String reason, String who) {
        try {
            return control.setStopTrading(false, reason, who);
        } catch (IllegalStateException e) {
            throw new ApiException(409, "resume_refused", "trading stays stopped: " + e.getMessage());
        }
    }
}
