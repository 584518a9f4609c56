package dev.strela.console.internal;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.api.model.SignalJson;
import dev.strela.persistence.StrategyUniverseRepository;

/** {@code strela:universe-set-param <id> <key> <value>}: a number, true/false, or else a string. */
@Service
@Command(scope = "strela", name = "universe-set-param", description = "Sets one parameter of a row's params_json (used from the next bar on)")
public class UniverseSetParamCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "strategy_universe id")
    long id;

    @Argument(index = 1, name = "key", required = true, description = "Parameter name")
    String key;

    @Argument(index = 2, name = "value", required = true, description = "Value: a number, true/false, or text")
    String value;

    @Reference(optional = true)
    StrategyUniverseRepository universe;

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (universe == null) {
            session.getConsole().println(Table.NO_DATABASE);
            return null;
        }
        String json = jsonValue(value);
        session.getConsole().println(universe.setParam(id, key, json) ? "Row " + id + ": " + key + " = " + json : "No row " + id);
        return null;
    }

    /** The value as JSON: numbers and booleans as they are, anything else as a string. */
    static String jsonValue(String value) {
        if (value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?") || value.equals("true") || value.equals("false")) {
            return value;
        }
        return SignalJson.mapToJson(Map.of("v", value)).replaceFirst("^\\{\"v\":", "").replaceFirst("}$", "");
    }
}
