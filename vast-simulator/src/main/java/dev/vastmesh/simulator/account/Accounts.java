package dev.vastmesh.simulator.account;

import dev.vastmesh.simulator.config.SimulatorProperties;
import dev.vastmesh.support.security.GeneratedToken;
import dev.vastmesh.support.security.Tokens;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The configured accounts, found by API key. The keys are held by hash only. With none
 * configured, one account gets a generated key, written to a file only this user can read (its
 * path is printed, never the key).
 */
@Component
public class Accounts {

  private final Map<String, SimAccount> byKeyHash = new HashMap<>();
  private final Map<Long, SimAccount> byId = new LinkedHashMap<>();

  public Accounts(SimulatorProperties properties) {
    for (SimulatorProperties.Account account : properties.accounts()) {
      add(account.key(), new SimAccount(account.userId(), account.email(), account.credit(), account.lowBalanceThreshold()));
    }
    if (byKeyHash.isEmpty()) {
      String key = GeneratedToken.announce("vast-simulator", SimulatorProperties.PREFIX + ".accounts[0].key", "vastsim_",
          GeneratedToken.defaultDirectory(), System.out);
      add(key, new SimAccount(1, "sim@vast.local", 100.0, 5.0));
    }
  }

  private void add(String key, SimAccount account) {
    if (byId.containsKey(account.userId())) {
      throw new IllegalArgumentException("two accounts have user id " + account.userId());
    }
    byKeyHash.put(Tokens.sha256(key), account);
    byId.put(account.userId(), account);
  }

  public Optional<SimAccount> byKey(String key) {
    return Optional.ofNullable(byKeyHash.get(Tokens.sha256(key)));
  }

  public Optional<SimAccount> byId(long userId) {
    return Optional.ofNullable(byId.get(userId));
  }

  public Collection<SimAccount> all() {
    return byId.values();
  }
}
