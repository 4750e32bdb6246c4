//! How long Play leaves a step on screen: long enough to read its narration. Pure and
//! tested; the player only multiplies by the speed the learner picked.

/// Reading speed assumed at 1×, in words per minute (a comfortable pace for technical
/// prose read beside a moving picture).
pub const WORDS_PER_MINUTE: u32 = 200;
/// No step goes by faster than this at 1×, however short: the picture needs a moment.
pub const FLOOR_MS: u32 = 4000;

/// Words in a step's narration (markup such as `code` and **strong** counts as words).
pub fn words(paragraphs: &[String]) -> u32 {
    paragraphs
        .iter()
        .map(|p| p.split_whitespace().count() as u32)
        .sum()
}

/// Milliseconds a step of `words` words stays on screen while playing at `speed_pct`
/// percent of normal speed.
pub fn step_ms(words: u32, speed_pct: u32) -> u32 {
    let at_1x = (words * 60_000 / WORDS_PER_MINUTE).max(FLOOR_MS);
    at_1x * 100 / speed_pct.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_stays_as_long_as_its_narration_takes_to_read() {
        // Issue 11: every step went by in 3.5 s, whether it had 10 words or 100.
        assert_eq!(step_ms(50, 100), 15_000);
        assert_eq!(step_ms(100, 100), 30_000);
        assert!(step_ms(100, 100) > step_ms(50, 100));
    }

    #[test]
    fn short_steps_get_the_floor_and_speed_divides_the_time() {
        assert_eq!(step_ms(0, 100), FLOOR_MS);
        assert_eq!(step_ms(5, 100), FLOOR_MS);
        assert_eq!(step_ms(100, 200), 15_000);
        assert_eq!(step_ms(100, 50), 60_000);
        assert_eq!(step_ms(10, 0), FLOOR_MS * 100, "no division by zero");
    }

    #[test]
    fn words_are_counted_across_paragraphs() {
        let p = vec![
            "Two `words` here.".to_string(),
            "And **three** more".to_string(),
        ];
        assert_eq!(words(&p), 6);
    }
}
