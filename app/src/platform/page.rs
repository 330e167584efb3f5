//! One page of a list, as every paged endpoint sends it.

use serde::{Deserialize, Serialize};

/// One page of a list, with the total for the pager.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T> Page<T> {
    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }

    /// Page `page` (from 1; past the end, the last) of the whole ordered
    /// list. `all` is walked lazily: only the page's items are produced.
    pub fn slice(all: impl ExactSizeIterator<Item = T>, page: u64, per_page: u64) -> Page<T> {
        let total = all.len() as u64;
        let page = page.clamp(1, total.div_ceil(per_page).max(1));
        let items = all
            .skip(((page - 1) * per_page) as usize)
            .take(per_page as usize)
            .collect();
        Page {
            items,
            total,
            page,
            per_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_rounds_up() {
        let of = |total| Page::<()> {
            items: vec![],
            total,
            page: 1,
            per_page: 20,
        };
        assert_eq!(of(41).page_count(), 3);
        assert_eq!(of(0).page_count(), 1);
    }
}
