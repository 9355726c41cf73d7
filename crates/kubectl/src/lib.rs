//! kubectl for the simulated cluster (UI-free): parses command lines, drives the engine, prints what real kubectl prints.
