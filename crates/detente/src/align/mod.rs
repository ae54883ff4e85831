//! The align lens: Axelrod–Bennett landscape theory of aggregation (design: align.md).
