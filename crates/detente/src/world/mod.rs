//! The bundled world data set (2024 vintage): actors and memberships.
