package tributary.config;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.type.Argument;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration record built from the defaults its own annotations declare, for code that runs without an
 * application context (plain unit tests, tools): the defaults stay written once, on the record, where Micronaut
 * reads them too, converted as Micronaut converts them ("20s", "0.1", "a=b,c=d").
 */
public final class ConfigDefaults {

    /** ${key:default}, the form a component bound with @Value carries its default in. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^:}]+:(.*)}");

    private ConfigDefaults() {
    }

    public static <R extends Record> R of(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            Parameter[] parameters = constructor.getParameters();
            Object[] values = new Object[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                values[i] = value(type.getSimpleName() + "." + components[i].getName(), parameters[i]);
            }
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + " cannot be built from its defaults", e);
        }
    }

    private static Object value(String name, Parameter parameter) {
        String text = declaredDefault(parameter);
        if (text == null) {
            boolean nullable = parameter.isAnnotationPresent(Nullable.class)
                    || parameter.getAnnotatedType().isAnnotationPresent(Nullable.class);
            if (parameter.getType().isPrimitive() || !nullable) {
                throw new IllegalStateException(name + " declares no default and may not be null");
            }
            return null;
        }
        return ConversionService.SHARED.convert(text, Argument.of(parameter.getParameterizedType()))
                .orElseThrow(() -> new IllegalStateException(name + ": the default '" + text + "' is no "
                        + parameter.getParameterizedType().getTypeName()));
    }

    private static String declaredDefault(Parameter parameter) {
        Bindable bindable = parameter.getAnnotation(Bindable.class);
        if (bindable != null && !bindable.defaultValue().isEmpty()) {
            return bindable.defaultValue();
        }
        Value value = parameter.getAnnotation(Value.class);
        if (value != null) {
            Matcher m = PLACEHOLDER.matcher(value.value());
            return m.matches() ? m.group(1) : null;
        }
        return null;
    }
}
