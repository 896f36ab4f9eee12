// Parquet hand-off for cohort engines (DuckDB, Spark/Glow, pandas); schema in docs/parquet.md.
export { exportParquet, EXPORT_META_KEY, VARIANT_ROW_GROUP, GENOTYPE_ROW_GROUP, type ExportOptions, type ExportSummary } from './variants.js'
export { writePrioritisationParquet, PRIORITISED_COLUMNS, PRIORITISED_META_KEY } from './prioritised.js'
export type { ParquetSink, ColumnSpec as ParquetColumnSpec } from './columns.js'
