"""The fill job's aggregation on Apache Spark, for deployments with tens of millions of rows.

Reads the CSV export of ``chanjiao.analytics.export``, computes the same rows as the ORM path
(demand per region × year × industry × occupation × source, supply per region × year × major,
and the supply–demand cells apportioned over the crosswalk) and writes them through the same
writer, so the tables are identical whichever path filled them.
"""

from pathlib import Path
from typing import Any

from django.conf import settings

from chanjiao.analytics.export import RawExport, raw_rows_export
from chanjiao.analytics.fill import FillResult, Progress, _silent, stat_fill
from chanjiao.analytics.models import DemandSource
from chanjiao.analytics.stats import COUNT_STATS, Rows

SCHEMAS = {
    "listings": "region_code STRING, published_at TIMESTAMP, industry_code STRING, "
    "occupation_code STRING, quantity INT",
    "labor": "region_code STRING, year INT, quarter INT, occupation_code STRING, demand LONG, "
    "jobseekers LONG",
    "supply": "region_code STRING, year INT, major_id INT, graduates LONG, enrollment LONG",
    "regions": "code STRING, region_id INT",
    "links_by_occupation": "major_id INT, occupation_code STRING, weight DOUBLE",
    "links_by_major": "major_id INT, occupation_code STRING, weight DOUBLE",
}


def spark_session(
    master: str = "local[*]",
    app_name: str = "chanjiao-analytics",
    shuffle_partitions: int = 8,
    driver_memory: str | None = None,
) -> Any:
    """Start (or reuse) a Spark session that reads timestamps as UTC.

    The driver's heap (``CHANJIAO_SPARK_DRIVER_MEMORY``, default 4g) matters in local mode:
    the driver is also the executor, and Spark's default of 1g is too small for tens of
    millions of rows. It takes effect only when this call starts the JVM.
    """
    from pyspark.sql import SparkSession  # pyspark is the optional [spark] extra

    memory = driver_memory or getattr(settings, "CHANJIAO_SPARK_DRIVER_MEMORY", "4g")
    return (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.driver.memory", memory)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )


def _read(spark: Any, export: RawExport, name: str) -> Any:
    return spark.read.csv(
        export.path(name),
        header=True,
        schema=SCHEMAS[name],
        emptyValue="",
        timestampFormat="yyyy-MM-dd HH:mm:ss",
    ).fillna("", subset=[c for c in ("industry_code", "occupation_code") if c in SCHEMAS[name]])


def _rolled_up(frame: Any, regions: Any) -> Any:
    """Repeat each row for its region and the regions above it that exist (codes nest)."""
    from pyspark.sql import functions as F  # pyspark is the optional [spark] extra

    code = F.col("region_code")
    targets = F.array_distinct(F.array(code, F.substring(code, 1, 4), F.substring(code, 1, 2)))
    exploded = frame.withColumn("code", F.explode(targets)).drop("region_code")
    return exploded.join(regions, on="code", how="inner").drop("code")


def _listing_demand(spark: Any, export: RawExport, regions: Any) -> Any:
    from pyspark.sql import functions as F  # pyspark is the optional [spark] extra

    listings = _read(spark, export, "listings")
    local = F.from_utc_timestamp(F.col("published_at"), settings.TIME_ZONE)
    headcount = F.when(F.col("quantity") >= 1, F.col("quantity")).otherwise(F.lit(1))
    leaves = (
        listings.withColumn("year", F.year(local))
        .groupBy("region_code", "year", "industry_code", "occupation_code")
        .agg(F.sum(headcount).alias("openings"), F.count(F.lit(1)).alias("postings"))
    )
    return (
        _rolled_up(leaves, regions)
        .groupBy("region_id", "year", "industry_code", "occupation_code")
        .agg(F.sum("openings").alias("openings"), F.sum("postings").alias("postings"))
        .withColumn("source", F.lit(DemandSource.LISTINGS.value))
        .withColumn("jobseekers", F.lit(0).cast("long"))
    )


def _labor_demand(spark: Any, export: RawExport, regions: Any) -> Any:
    from pyspark.sql import functions as F  # pyspark is the optional [spark] extra

    labor = _read(spark, export, "labor").join(
        regions.withColumnRenamed("code", "region_code"), on="region_code"
    )
    full_year = labor.groupBy("region_id", "year").agg(
        F.max(F.when(F.col("quarter") == 0, 1).otherwise(0)).alias("has_full_year")
    )
    chosen = labor.join(full_year, on=["region_id", "year"]).where(
        (F.col("has_full_year") == 1) == (F.col("quarter") == 0)
    )
    yearly = chosen.groupBy("region_id", "year", "occupation_code").agg(
        F.sum("demand").alias("demand"), F.sum("jobseekers").alias("jobseekers")
    )
    net = yearly.join(_covered(yearly), on=["region_id", "year", "occupation_code"], how="left")
    net = net.fillna(0, subset=["covered_demand", "covered_seekers"]).select(
        "region_id",
        "year",
        "occupation_code",
        F.greatest(F.col("demand") - F.col("covered_demand"), F.lit(0)).alias("demand"),
        F.greatest(F.col("jobseekers") - F.col("covered_seekers"), F.lit(0)).alias("jobseekers"),
    )
    return net.select(
        "region_id",
        "year",
        F.lit("").alias("industry_code"),
        "occupation_code",
        F.col("demand").alias("openings"),
        F.lit(0).cast("long").alias("postings"),
        F.lit(DemandSource.LABOR_MARKET.value).alias("source"),
        "jobseekers",
    )


def _covered(yearly: Any) -> Any:
    """Sum each 人社 row into its nearest listed ancestor (大典 code above it, else the total "").

    The Spark form of ``aggregate._net_of_subtotals``: a row with listed rows below it keeps
    only what they leave.
    """
    from pyspark.sql import functions as F  # pyspark is the optional [spark] extra

    key = ["region_id", "year", "occupation_code"]
    listed = yearly.where(F.col("occupation_code") != "")
    parts = F.split(F.col("occupation_code"), "-")
    candidates = F.array(
        *(
            F.struct(
                F.lit(rank).alias("rank"),
                F.concat_ws(
                    "-", *[parts[i] for i in range(kept)], *[F.lit("00")] * (4 - kept)
                ).alias("ancestor"),
            )
            for rank, kept in ((1, 3), (2, 2), (3, 1))
        )
    )
    present = yearly.select("region_id", "year", F.col("occupation_code").alias("ancestor"))
    nearest = (
        listed.where(F.size(parts) == 4)
        .select(*key, F.explode(candidates).alias("candidate"))
        .select(*key, "candidate.rank", "candidate.ancestor")
        .where(F.col("ancestor") != F.col("occupation_code"))
        .join(present, on=["region_id", "year", "ancestor"])
        .groupBy(*key)
        .agg(F.min(F.struct("rank", "ancestor")).alias("nearest"))
        .select(*key, F.col("nearest.ancestor").alias("parent"))
    )
    return (
        listed.join(nearest, on=key, how="left")
        .fillna("", subset=["parent"])
        .groupBy("region_id", "year", "parent")
        .agg(F.sum("demand").alias("covered_demand"), F.sum("jobseekers").alias("covered_seekers"))
        .withColumnRenamed("parent", "occupation_code")
    )


def _supply(spark: Any, export: RawExport, regions: Any) -> Any:
    from pyspark.sql import functions as F  # pyspark is the optional [spark] extra

    supply = _read(spark, export, "supply").where(
        (F.col("graduates") > 0) | (F.col("enrollment") > 0)
    )
    return (
        _rolled_up(supply, regions)
        .groupBy("region_id", "year", "major_id")
        .agg(
            F.count(F.lit(1)).alias("schools"),
            F.sum("graduates").alias("graduates"),
            F.sum("enrollment").alias("enrollment"),
        )
    )


def _shares(links: Any, by: str) -> Any:
    """Turn link weights into shares that add up to 1 for each value of ``by``."""
    from pyspark.sql import Window  # pyspark is the optional [spark] extra
    from pyspark.sql import functions as F  # pyspark is the optional [spark] extra

    total = F.sum("weight").over(Window.partitionBy(by))
    return links.where(F.col("weight") > 0).withColumn("share", F.col("weight") / total)


def _cells(spark: Any, export: RawExport, demand: Any, supply: Any) -> Any:
    from pyspark.sql import functions as F  # pyspark is the optional [spark] extra

    totals = demand.groupBy("region_id", "year", "source", "occupation_code").agg(
        F.sum("openings").alias("openings")
    )
    occupation_shares = _shares(_read(spark, export, "links_by_occupation"), "occupation_code")
    demand_cells = totals.join(occupation_shares, on="occupation_code", how="left").select(
        "region_id",
        "year",
        "source",
        "occupation_code",
        "major_id",
        (F.col("openings") * F.coalesce(F.col("share"), F.lit(1.0))).alias("demand"),
        F.lit(0.0).alias("supply"),
    )
    sources = (
        totals.select("region_id", "year", "source")
        .unionByName(
            supply.select("region_id", "year", F.lit(DemandSource.LISTINGS.value).alias("source"))
        )
        .distinct()
    )
    major_shares = _shares(_read(spark, export, "links_by_major"), "major_id")
    supply_cells = (
        supply.where(F.col("graduates") > 0)
        .join(major_shares, on="major_id", how="left")
        .join(sources, on=["region_id", "year"])
        .select(
            "region_id",
            "year",
            "source",
            F.coalesce(F.col("occupation_code"), F.lit("")).alias("occupation_code"),
            "major_id",
            F.lit(0.0).alias("demand"),
            (F.col("graduates") * F.coalesce(F.col("share"), F.lit(1.0))).alias("supply"),
        )
    )
    return (
        demand_cells.unionByName(supply_cells)
        .groupBy("region_id", "year", "source", "occupation_code", "major_id")
        .agg(
            F.round(F.sum("demand"), 6).alias("demand"), F.round(F.sum("supply"), 6).alias("supply")
        )
        .where((F.col("demand") != 0) | (F.col("supply") != 0))
    )


def _collect(frame: Any, key: list[str], values: list[str]) -> Rows:
    return {
        tuple(row[c] for c in key): [row[c] for c in values]
        for row in frame.select(*key, *values).toLocalIterator()
    }


def spark_rows(spark: Any, export: RawExport) -> dict[str, Rows]:
    """Compute the rows of every statistic on Spark from an export."""
    regions = _read(spark, export, "regions")
    from pyspark.sql import functions as F  # pyspark is the optional [spark] extra

    demand = (
        _listing_demand(spark, export, regions)
        .unionByName(_labor_demand(spark, export, regions))
        .where((F.col("openings") != 0) | (F.col("postings") != 0) | (F.col("jobseekers") != 0))
        .cache()
    )
    supply = _supply(spark, export, regions).cache()
    cells = _cells(spark, export, demand, supply)
    demand_key = ["region_id", "year", "source", "industry_code", "occupation_code"]
    return {
        "demand": _collect(demand, demand_key, ["openings", "postings", "jobseekers"]),
        "supply": _collect(
            supply, ["region_id", "year", "major_id"], ["schools", "graduates", "enrollment"]
        ),
        "supply_demand": _collect(
            cells,
            ["region_id", "year", "source", "occupation_code", "major_id"],
            ["demand", "supply"],
        ),
    }


def spark_fill(
    *, spark: Any, workdir: Path, export: RawExport | None = None, progress: Progress = _silent
) -> list[FillResult]:
    """Rebuild every count table from a Spark aggregation of the raw rows (a full fill)."""
    export = export or raw_rows_export(workdir)
    progress("Spark：正在聚合……")
    rows = spark_rows(spark, export)
    results = []
    for stat in COUNT_STATS:

        def compute(_years: set[int] | None, name: str = stat.name) -> Rows:
            return rows[name]

        results.append(stat_fill(stat=stat, full=True, compute=compute, progress=progress))
    return results
