//! A small Python-subset interpreter (UI-free): lexer, parser and evaluator with a step budget and depth limit.
