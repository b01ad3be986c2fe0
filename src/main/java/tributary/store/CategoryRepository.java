package tributary.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** Categories, in the order feeds.yml lists them. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface CategoryRepository extends CrudRepository<CategoryRow, Long> {

    Optional<CategoryRow> findBySlug(String slug);

    @Query("SELECT * FROM category ORDER BY position, id")
    List<CategoryRow> findAllInOrder();
}
