package org.kasbench.globeco.allocation.send.cli;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory shared with the Portfolio Accounting CLI ({@code allocation.files.*}).
 *
 * @param dir the directory this service writes the CLI's files to (shared with the CLI)
 * @param cleanup delete a batch's file after a successful run
 */
@ConfigurationProperties("allocation.files")
@Validated
public record FilesProperties(@DefaultValue("/usr/local/share/files") @WritableDirectory Path dir,
		@DefaultValue("false") boolean cleanup) {

	/**
	 * A directory that exists, or can be made, and that this process can create a file
	 * in: checked by doing both.
	 */
	@Target({ ElementType.FIELD, ElementType.PARAMETER })
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = WritableDirectoryValidator.class)
	public @interface WritableDirectory {

		String message() default "is not a directory this process can create a file in";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	static final class WritableDirectoryValidator implements ConstraintValidator<WritableDirectory, Path> {

		@Override
		public boolean isValid(Path dir, ConstraintValidatorContext context) {
			try {
				Files.createDirectories(dir);
			}
			catch (IOException | RuntimeException e) {
				return rejected(context, "does not exist and cannot be created");
			}
			try {
				Files.delete(Files.createTempFile(dir, ".allocation-startup-check-", ".tmp"));
				return true;
			}
			catch (IOException | RuntimeException e) {
				return rejected(context, "is not writable by this process");
			}
		}

		private static boolean rejected(ConstraintValidatorContext context, String message) {
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
			return false;
		}

	}

}
