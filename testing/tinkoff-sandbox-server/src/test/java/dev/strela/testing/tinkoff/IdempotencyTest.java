package dev.strela.testing.tinkoff;

import static dev.strela.testing.tinkoff.SandboxFixture.ACCOUNT;
import static dev.strela.testing.tinkoff.SandboxFixture.SBER_FIGI;
import static dev.strela.testing.tinkoff.SandboxFixture.SBER_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderType;
import ru.tinkoff.piapi.contract.v1.OrdersServiceGrpc;
import ru.tinkoff.piapi.contract.v1.PostOrderResponse;
import ru.tinkoff.piapi.contract.v1.Quotation;
import ru.tinkoff.piapi.contract.v1.SandboxServiceGrpc;
import ru.tinkoff.piapi.core.exception.ApiRuntimeException;

class IdempotencyTest {
    private final SandboxFixture fx = new SandboxFixture();

    @BeforeEach
    void priceSber() {
        fx.server.market().setPrice(SBER_UID, "250.00");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        fx.close();
    }

    private PostOrderResponse buyOneLot(String orderId) {
        return fx.api.getOrdersService().postOrderSync(SBER_UID, 1, Quotation.getDefaultInstance(),
                OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT, OrderType.ORDER_TYPE_MARKET, orderId);
    }

    @Test
    void sameOrderId_whenPostedTwice_thenOneOrderAndTheSameAnswer() {
        PostOrderResponse first = buyOneLot("key-1");
        PostOrderResponse second = buyOneLot("key-1");

        assertThat(second.getOrderId()).isEqualTo(first.getOrderId());
        assertThat(second.getExecutionReportStatus()).isEqualTo(first.getExecutionReportStatus());
        assertThat(fx.server.orders().countWithRequestId("key-1")).isEqualTo(1);
        assertThat(fx.server.accounts().position(ACCOUNT, SBER_UID)).isEqualTo(10);
        assertThat(fx.server.accounts().cash(ACCOUNT)).isEqualByComparingTo("97498.75");
    }

    @Test
    void concurrentPosts_whenEightThreadsShareAKeyAndEightUseTheirOwn_thenNineOrdersAndConsistentCash() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<PostOrderResponse>> shared = new ArrayList<>();
            List<Future<PostOrderResponse>> own = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String key = "own-" + i;
                shared.add(pool.submit(() -> buyOneLot("shared")));
                own.add(pool.submit(() -> buyOneLot(key)));
            }
            Set<String> sharedIds = new HashSet<>();
            for (Future<PostOrderResponse> answer : shared) {
                sharedIds.add(answer.get(10, TimeUnit.SECONDS).getOrderId());
            }
            for (Future<PostOrderResponse> answer : own) {
                answer.get(10, TimeUnit.SECONDS);
            }
            assertThat(sharedIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }

        assertThat(fx.server.orders().all()).hasSize(9);
        assertThat(fx.server.accounts().position(ACCOUNT, SBER_UID)).isEqualTo(90);
        assertThat(fx.server.accounts().cash(ACCOUNT)).isEqualByComparingTo("77488.75");
    }

    @Test
    void sameOrderId_whenPolicyRejects_thenSecondRefused30057AndStillOneOrder() {
        fx.server.orders().duplicatePolicy(DuplicateOrderPolicy.REJECT);
        buyOneLot("key-2");

        assertThatThrownBy(() -> buyOneLot("key-2"))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("30057"));
        assertThat(fx.server.orders().countWithRequestId("key-2")).isEqualTo(1);
    }

    @Test
    void applyThenFail_whenClientResends_thenItLearnsTheOrderPlacedTheFirstTime() {
        fx.server.faults().on(OrdersServiceGrpc.getPostOrderMethod()).applyThenFail(Status.Code.UNAVAILABLE);

        assertThatThrownBy(() -> buyOneLot("key-3"))
                .isInstanceOfSatisfying(ApiRuntimeException.class,
                        e -> assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThat(fx.server.orders().countWithRequestId("key-3")).isEqualTo(1);

        PostOrderResponse resent = buyOneLot("key-3");
        assertThat(resent.getOrderRequestId()).isEqualTo("key-3");
        assertThat(resent.getLotsExecuted()).isEqualTo(1);
        assertThat(fx.server.orders().countWithRequestId("key-3")).isEqualTo(1);
        assertThat(fx.server.accounts().position(ACCOUNT, SBER_UID)).isEqualTo(10);
    }

    @Test
    void sandboxPostOrder_whenAppliedThenFailedAndResentThroughOrdersService_thenStillOneOrder() {
        fx.server.faults().on(SandboxServiceGrpc.getPostSandboxOrderMethod()).applyThenFail(Status.Code.UNAVAILABLE);

        assertThatThrownBy(() -> fx.sandboxApi.getSandboxService().postOrderSync(SBER_FIGI, 1,
                Quotation.getDefaultInstance(), OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT,
                OrderType.ORDER_TYPE_MARKET, "key-4")).isInstanceOf(ApiRuntimeException.class);
        PostOrderResponse resent = buyOneLot("key-4");

        assertThat(resent.getFigi()).isEqualTo(SBER_FIGI);
        assertThat(fx.server.orders().all()).hasSize(1);
    }
}
