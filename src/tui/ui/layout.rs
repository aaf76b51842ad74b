//! Where each pane goes, as pure functions of the terminal size (update
//! uses them too, for page sizes and scrolling).

use ratatui::layout::Rect;

/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

/// Rows each article takes in the articles list.
pub const ARTICLE_ITEM_ROWS: u16 = 2;

/// The screen's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub articles: Rect,
    pub claims: Rect,
    pub detail: Rect,
    /// The whole body (for the article view and overlays).
    pub body: Rect,
    /// The hint bar (or the prompt when one is open).
    pub hint: Rect,
    pub status: Rect,
}

/// True when the terminal is too small to draw the workbench.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
}

/// Splits a screen of `size` (columns, rows).
pub fn areas(size: (u16, u16)) -> Areas {
    let (w, h) = size;
    let body_h = h.saturating_sub(2);
    let left_w = (w * 35 / 100).clamp(24.min(w), 44);
    let right_w = w.saturating_sub(left_w);
    let claims_h = (body_h * 45 / 100).max(5.min(body_h));
    Areas {
        articles: Rect::new(0, 0, left_w, body_h),
        claims: Rect::new(left_w, 0, right_w, claims_h),
        detail: Rect::new(left_w, claims_h, right_w, body_h.saturating_sub(claims_h)),
        body: Rect::new(0, 0, w, body_h),
        hint: Rect::new(0, body_h, w, 1.min(h)),
        status: Rect::new(0, h.saturating_sub(1), w, 1.min(h)),
    }
}

/// How many articles the list shows at once.
pub fn article_rows(size: (u16, u16)) -> usize {
    (areas(size).articles.height.saturating_sub(2) / ARTICLE_ITEM_ROWS) as usize
}

/// How many claims the list shows at once.
pub fn claim_rows(size: (u16, u16)) -> usize {
    areas(size).claims.height.saturating_sub(2) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_tile_the_screen_at_80x24() {
        let a = areas((80, 24));
        assert_eq!(a.articles.width + a.claims.width, 80);
        assert_eq!(a.claims.height + a.detail.height, 22);
        assert_eq!(a.hint.y, 22);
        assert_eq!(a.status.y, 23);
        assert_eq!(article_rows((80, 24)), 10);
        assert!(claim_rows((80, 24)) >= 6);
        assert!(too_small((40, 24)));
        assert!(!too_small((80, 24)));
    }
}
