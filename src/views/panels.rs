//! The panel registry: which view draws each `Panel` a lesson step (or the sandbox's
//! picker) names. One exhaustive match, so a new panel kind cannot silently draw another.

use kafka_lessons::Panel;
use leptos::prelude::*;

use crate::views::brokers_panel::BrokersPanel;
use crate::views::consumer_log_panel::ConsumerLogPanel;
use crate::views::delivery_panels::{DatabasePanel, OutcomePanel, SendsPanel};
use crate::views::distribution_panel::DistributionPanel;
use crate::views::groups_panel::GroupsPanel;
use crate::views::handler_panel::HandlerPanel;
use crate::views::hash_panel::HashPanel;
use crate::views::lag_chart::LagChart;
use crate::views::metadata_log_panel::MetadataLogPanel;
use crate::views::metadata_panel::MetadataPanel;
use crate::views::reads_panel::ReadsPanel;
use crate::views::strategy_panel::StrategyPanel;
use crate::views::try_key::TryKey;
use crate::views::writer_panel::WriterPanel;

/// The view for `panel`; it reads the step from `StepContext`.
pub fn panel_view(panel: Panel) -> AnyView {
    match panel {
        Panel::Hash => view! { <HashPanel/> }.into_any(),
        Panel::Distribution { topic } => view! { <DistributionPanel topic=topic/> }.into_any(),
        Panel::TryKey => view! { <TryKey/> }.into_any(),
        Panel::Reads => view! { <ReadsPanel/> }.into_any(),
        Panel::Metadata => view! { <MetadataPanel/> }.into_any(),
        Panel::ConsumerLog => view! { <ConsumerLogPanel/> }.into_any(),
        Panel::Groups => view! { <GroupsPanel/> }.into_any(),
        Panel::Describe { groups } => view! { <GroupsPanel only=groups/> }.into_any(),
        Panel::LagChart { group, of } => view! { <LagChart group=group of=of/> }.into_any(),
        Panel::Strategies => view! { <StrategyPanel/> }.into_any(),
        Panel::Outcomes => view! { <OutcomePanel/> }.into_any(),
        Panel::Sends => view! { <SendsPanel/> }.into_any(),
        Panel::Database => view! { <DatabasePanel/> }.into_any(),
        Panel::Handler => view! { <HandlerPanel/> }.into_any(),
        Panel::Writer => view! { <WriterPanel/> }.into_any(),
        Panel::Brokers => view! { <BrokersPanel/> }.into_any(),
        Panel::MetadataLog => view! { <MetadataLogPanel/> }.into_any(),
    }
}

/// Identity of a panel for keyed rendering: the same panel stays mounted across steps.
pub fn panel_key(panel: &Panel) -> String {
    match panel {
        Panel::Hash => "hash".into(),
        Panel::Distribution { topic } => format!("distribution {topic}"),
        Panel::TryKey => "try-key".into(),
        Panel::Reads => "reads".into(),
        Panel::Metadata => "metadata".into(),
        Panel::ConsumerLog => "consumer-log".into(),
        Panel::Groups => "groups".into(),
        Panel::LagChart { group, of } => format!("lag {group} {of:?}"),
        Panel::Describe { groups } => format!("describe {}", groups.join(" ")),
        Panel::Strategies => "strategies".into(),
        Panel::Outcomes => "outcomes".into(),
        Panel::Sends => "sends".into(),
        Panel::Brokers => "brokers".into(),
        Panel::MetadataLog => "metadata-log".into(),
        Panel::Database => "database".into(),
        Panel::Handler => "handler".into(),
        Panel::Writer => "writer".into(),
    }
}
