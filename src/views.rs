//! Components, one per file, each named after what it draws.

pub mod brokers_panel;
pub mod cluster_view;
pub mod consumer_cards;
pub mod consumer_log_panel;
pub mod delivery_panels;
pub mod distribution_panel;
pub mod groups_panel;
pub mod hash_panel;
pub mod hash_steps;
pub mod home;
pub mod lag_chart;
pub mod legend;
pub mod lesson_page;
pub mod lesson_player;
pub mod metadata_log_panel;
pub mod metadata_panel;
pub mod narration;
pub mod offset_marks;
pub mod producer_card;
pub mod reads_panel;
pub mod record_panel;
pub mod sandbox_page;
pub mod site_header;
pub mod strategy_panel;
pub mod topic_view;
pub mod try_key;
