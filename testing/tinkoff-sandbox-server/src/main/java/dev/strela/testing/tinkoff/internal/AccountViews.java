package dev.strela.testing.tinkoff.internal;

import ru.tinkoff.piapi.contract.v1.AccessLevel;
import ru.tinkoff.piapi.contract.v1.AccountStatus;
import ru.tinkoff.piapi.contract.v1.AccountType;
import ru.tinkoff.piapi.contract.v1.GetAccountsResponse;

/** Accounts as UsersService.GetAccounts and SandboxService.GetSandboxAccounts list them. */
final class AccountViews {
    private AccountViews() {
    }

    static GetAccountsResponse accounts(Ledger ledger) {
        GetAccountsResponse.Builder answer = GetAccountsResponse.newBuilder();
        for (Account account : ledger.openAccounts()) {
            answer.addAccounts(ru.tinkoff.piapi.contract.v1.Account.newBuilder()
                    .setId(account.id())
                    .setName(account.name())
                    .setType(AccountType.ACCOUNT_TYPE_TINKOFF)
                    .setStatus(AccountStatus.ACCOUNT_STATUS_OPEN)
                    .setAccessLevel(AccessLevel.ACCOUNT_ACCESS_LEVEL_FULL_ACCESS)
                    .setOpenedDate(Times.timestamp(account.openedAt())));
        }
        return answer.build();
    }
}
