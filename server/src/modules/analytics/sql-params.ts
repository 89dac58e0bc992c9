/**
 * Collects the values of a query being built piece by piece and hands out their
 * `$n` placeholders, so no filter value is ever spliced into SQL text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** The placeholder of `value`, cast when PostgreSQL cannot infer its type from the context. */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  /**
   * A placeholder added on first use only: PostgreSQL refuses a parameter the text
   * never mentions ("could not determine data type"), and whether the time zone is
   * mentioned depends on the grouping.
   */
  lazy(value: unknown, cast: string): () => string {
    let placeholder: string | undefined;
    return () => (placeholder ??= this.add(value, cast));
  }
}
