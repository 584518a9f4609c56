package dev.strela.memoryreplay;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A component's configuration annotation with its defaults, some of them replaced: what Config Admin would hand it. */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        for (String name : values.keySet()) {
            try {
                type.getMethod(name);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no setting '" + name + "'", e);
            }
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (method.getName()) {
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> System.identityHashCode(p);
                case "equals" -> p == args[0];
                case "annotationType" -> type;
                default -> throw new IllegalStateException(type.getSimpleName() + "." + method.getName() + " has no default");
            };
        });
        return type.cast(proxy);
    }
}
