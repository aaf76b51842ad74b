//! Text pipeline: normalisation for matching, sentence segmentation, dates.

pub mod dates;
pub mod normalize;
pub mod segment;
pub mod word_table;

/// True for letters and digits of any script; fast for ASCII and Arabic.
pub(crate) fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7F}' => false,
        '\u{621}'..='\u{63A}'
        | '\u{641}'..='\u{64A}'
        | '\u{660}'..='\u{669}'
        | '\u{66E}'..='\u{6D3}'
        | '\u{6F0}'..='\u{6F9}' => true,
        // Marks, tatweel and punctuation of the Arabic block.
        '\u{600}'..='\u{6FF}' => false,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::is_word_char;

    #[test]
    fn word_chars_of_arabic_and_other_scripts() {
        for c in ['a', 'Z', '7', 'ب', 'ي', 'ء', '٣', '۵', 'ک', 'é', 'Ж'] {
            assert!(is_word_char(c), "{c}");
        }
        for c in [' ', '.', '،', '؟', 'ـ', '\u{64E}', '«', '-', '\u{200F}'] {
            assert!(!is_word_char(c), "{c:?}");
        }
    }
}
