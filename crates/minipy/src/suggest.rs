//! "Did you mean: 'capacity'?": CPython 3.11's spelling suggestion for NameError and
//! AttributeError, with the same weighted Levenshtein distance so the hints agree.

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_STRING_SIZE: usize = 40;
const MAX_CANDIDATE_ITEMS: usize = 750;

fn substitution_cost(a: char, b: char) -> usize {
    if a == b {
        0
    } else if a.to_lowercase().eq(b.to_lowercase()) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// CPython's `traceback._levenshtein_distance`.
fn distance(a: &str, b: &str, max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let (mut a, mut b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Trim the common prefix and suffix.
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    a.drain(..pre);
    b.drain(..pre);
    let post = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a.truncate(a.len() - post);
    b.truncate(b.len() - post);
    if a.is_empty() || b.is_empty() {
        return MOVE_COST * (a.len() + b.len());
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bindex, &bchar) in b.iter().enumerate() {
        let mut dist = bindex * MOVE_COST;
        result = dist;
        let mut minimum = usize::MAX;
        for (index, &achar) in a.iter().enumerate() {
            let substitute = dist + substitution_cost(bchar, achar);
            dist = row[index];
            let insert_delete = result.min(dist) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// CPython's `_compute_suggestion_error`: the closest candidate within its distance budget.
pub fn suggest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let wrong_len = wrong.chars().count();
    if wrong_len > MAX_STRING_SIZE {
        return None;
    }
    let mut best_distance = wrong_len;
    let mut suggestion: Option<&str> = None;
    for (i, name) in candidates.into_iter().enumerate() {
        if i >= MAX_CANDIDATE_ITEMS {
            return None;
        }
        if name == wrong {
            continue;
        }
        let max_distance = ((name.chars().count() + wrong_len + 3) * MOVE_COST / 6)
            .min(best_distance.saturating_sub(1));
        let d = distance(wrong, name, max_distance);
        if d > max_distance {
            continue;
        }
        if suggestion.is_none() || d < best_distance {
            suggestion = Some(name);
            best_distance = d;
        }
    }
    suggestion.map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggests_like_cpython() {
        assert_eq!(
            suggest("capcity", ["systems", "capacity", "load"]).as_deref(),
            Some("capacity")
        );
        assert_eq!(
            suggest("Load", ["load", "systems"]).as_deref(),
            Some("load")
        );
        assert_eq!(suggest("totl", ["total", "n"]).as_deref(), Some("total"));
        assert_eq!(
            suggest("item", ["clear", "copy", "get", "items", "keys"]).as_deref(),
            Some("items")
        );
        assert_eq!(suggest("undefined_name", ["xs", "print"]), None);
        assert_eq!(suggest("x", ["y"]), None);
    }
}
