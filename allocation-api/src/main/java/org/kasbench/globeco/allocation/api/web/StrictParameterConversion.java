package org.kasbench.globeco.allocation.api.web;

import org.springframework.beans.PropertyEditorRegistrar;
import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import java.beans.PropertyEditorSupport;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Path variables and request parameters bound to numbers and booleans take only their
 * plain forms: an integer is decimal digits with an optional minus ({@code 0x10},
 * {@code #1}, {@code +1}, {@code 1e3}, {@code ' 1'} and non-ASCII digits are refused,
 * where Spring's default conversion reads {@code 0x10} as 16); a boolean is {@code true}
 * or {@code false} (not {@code on}, {@code yes}, {@code 1}). A refusal is a 400 naming
 * the parameter. Registered as editors, which Spring's binding consults before its
 * conversion service, through the handler adapter's binding initializer: an
 * {@code @InitBinder} method would do the same, but Spring MVC looks it up, wraps it and
 * invokes it by reflection on every request that binds anything, the ingest's body
 * included (4 % of the API's CPU per post, docs/performance.md).
 */
@Component
class StrictParameterConversion implements BeanPostProcessor {

	private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RequestMappingHandlerAdapter adapter
				&& adapter.getWebBindingInitializer() instanceof ConfigurableWebBindingInitializer initializer) {
			PropertyEditorRegistrar[] registrars = initializer.getPropertyEditorRegistrars();
			registrars = registrars == null ? new PropertyEditorRegistrar[1]
					: Arrays.copyOf(registrars, registrars.length + 1);
			registrars[registrars.length - 1] = StrictParameterConversion::strictScalars;
			initializer.setPropertyEditorRegistrars(registrars);
		}
		return bean;
	}

	private static void strictScalars(PropertyEditorRegistry binder) {
		binder.registerCustomEditor(int.class, editor(text -> Integer.valueOf(plain(text))));
		binder.registerCustomEditor(Integer.class, editor(text -> Integer.valueOf(plain(text))));
		binder.registerCustomEditor(long.class, editor(text -> Long.valueOf(plain(text))));
		binder.registerCustomEditor(Long.class, editor(text -> Long.valueOf(plain(text))));
		binder.registerCustomEditor(boolean.class, editor(StrictParameterConversion::bool));
		binder.registerCustomEditor(Boolean.class, editor(StrictParameterConversion::bool));
	}

	static String plain(String text) {
		if (text == null || !INTEGER.matcher(text).matches()) {
			throw new NumberFormatException("not a plain decimal integer");
		}
		return text;
	}

	private static Boolean bool(String text) {
		return switch (text) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw new IllegalArgumentException("not true or false");
		};
	}

	private static PropertyEditorSupport editor(Function<String, Object> parse) {
		return new PropertyEditorSupport() {
			@Override
			public void setAsText(String text) {
				setValue(parse.apply(text));
			}
		};
	}

}
