package dev.strela.api.spi;

import dev.strela.api.model.AccountState;
import dev.strela.api.model.BrokerPosition;
import dev.strela.api.model.Order;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One interface for the real (Tinkoff) and the simulated (FakeBroker) broker. Orders arrive with
 * whole lots and prices on the instrument's tick. Adapters do their own retries for transient
 * failures where it is safe and report the final outcome as a {@link BrokerException}.
 */
@ConsumerType
public interface BrokerAdapter {

    /** Adapter name, e.g. "fake" or "tinkoff". */
    String name();

    /**
     * Sends an order; {@link Order#clientOrderId()} is the idempotency key, so sending the same
     * order twice does not create two orders.
     *
     * @return the broker's order id
     */
    String placeOrder(Order order) throws BrokerException;

    /** Cancels an active order; cancelling an order that is already terminal is not an error. */
    void cancelOrder(String brokerOrderId) throws BrokerException;

    /** The broker's net positions on the account, one per instrument held. */
    List<BrokerPosition> getPositions() throws BrokerException;

    /** Cash, free cash and equity of the account. */
    AccountState getCash() throws BrokerException;

    /**
     * Delivers every later fill to {@code listener} until the returned handle is closed.
     *
     * @return closing it stops the delivery; closing twice is harmless
     */
    AutoCloseable subscribeFills(FillListener listener);
}
