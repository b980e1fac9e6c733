package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates Spring Batch's job repository tables from the script that ships inside
 * spring-batch-core, so the metadata schema is versioned by Flyway like ours and always
 * matches the library in use.
 */
// CHECKSTYLE:OFF TypeName: Flyway reads the version and description of a Java migration
// from its class name
public class V2__Spring_batch_metadata extends BaseJavaMigration {

	// CHECKSTYLE:ON TypeName

	@Override
	public void migrate(Context context) {
		ScriptUtils.executeSqlScript(context.getConnection(),
				new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"));
	}

}
