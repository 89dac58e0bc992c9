import type { AnalyticsMessages } from './analytics.zh-CN';

/** English strings of the managers' analytics (issue 6). */
export const analyticsEn: AnalyticsMessages = {
  analytics: {
    title: 'Analytics',
    report: 'Analytics report',
    printReport: 'Printable report',
    print: 'Print / save as PDF',
    back: 'Back to dashboard',
    toWall: 'Wall',
    loading: 'Computing…',
    failed: 'Could not load: {message}',
    empty: 'No data in this period',
    exportCsv: 'Export CSV',
    drillHint: 'Click a chart to list its incidents',
    period: 'Period {from} to {to}',
    timeZone: 'Times in {zone}',
    generatedAt: 'Generated {time}',
    filters: {
      from: 'From', to: 'To', grid: 'Grid', force: 'Force', category: 'Category', priority: 'Priority', all: 'All', apply: 'Apply',
      last7: 'Last 7 days', last30: 'Last 30 days', thisYear: 'This year',
    },
    kpi: {
      received: 'Received', responded: 'Arrived', responseP50: 'Response p50', responseP90: 'Response p90', withinTarget: 'Arrived on time', closureRate: 'Closure rate',
      of: '{n} of {d}',
    },
    card: {
      histogram: 'Response-time distribution', trend: 'Response time trend (p50 / p90)', compliance: 'On-time arrivals by grid', heatmap: 'Incidents by weekday × hour',
      closure: 'Closure and level settled, by category', change: 'Period comparison by category', coverage: '5- and 15-minute coverage over time', units: 'Unit activity',
      byGroup: 'Response phases', keyAreas: 'Key-area patrols: visits on time',
    },
    axis: { minutes: 'minutes', incidents: 'incidents' },
    series: {
      withinTarget: 'On time', late: 'Late', withinTargetShare: 'On-time share', closureRate: 'Closure rate',
      within5: 'Within 5 min (mean)', within15: 'Within 15 min (mean)', within5Low: 'Within 5 min (lowest)',
    },
    fiveMinuteLine: '5 min',
    noKeyAreas: 'No key area is watched in this period',
    keyAreasLoading: 'Counting patrol visits…',
    everyMinutes: '{n} min',
    noCoverage: 'No coverage samples in this period (the coverage service was not publishing)',
    noGrid: 'Outside grids',
    none: 'None',
    level: { grid: 'Grid', community: 'Community', street: 'Street', department: 'Department' },
    shift: { day: 'Day (08–20)', night: 'Night (20–08)' },
    weekday: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
    category: {
      all: 'Total', criminal: 'Criminal', public_order: 'Public order', dispute: 'Dispute', traffic: 'Traffic', fire: 'Fire', medical: 'Medical', natural_disaster: 'Natural disaster',
      public_health: 'Public health', production_safety: 'Production safety', assistance: 'Assistance', other: 'Other',
    },
    col: {
      category: 'Category', current: 'This period', previous: 'Previous', change: 'Change', changeShare: 'Change %',
      priority: 'Priority', received: 'Received', responded: 'Arrived', p50: 'p50', p90: 'p90', withinTarget: 'On time', share: 'On-time %',
      name: 'Name', units: 'Units', assignments: 'Sent', arrived: 'Handled', firstOnScene: 'First on scene', declined: 'Declined', ackTimeouts: 'Ack timeouts',
      enRoute: 'Travelling', onScene: 'On scene',
      time: 'Received', status: 'Status', grid: 'Grid', lead: 'Lead unit', processing: 'Processing', turnout: 'Turnout', travel: 'Travel', response: 'Response', target: 'Target',
      at: 'Time', event: 'Event', actor: 'By',
      keyArea: 'Key area', watch: 'Watch', every: 'Every', slotsRequired: 'Required', slotsVisited: 'Visited', compliance: 'Compliance',
    },
    per: { unit: 'Per unit', team: 'Per team', force: 'Per force' },
    drill: {
      title: 'Incidents', total: '{n} incidents', back: 'Back to dashboard', prev: 'Previous', next: 'Next', page: '{from}–{to}', open: 'Timeline and tracks',
      within: 'on time', breached: 'late', pending: 'not reached',
      what: {
        group: '{group}: {key}', response: 'Response {from}–{to} min', responseOpen: 'Response ≥ {from} min', cell: '{weekday} {hour}:00–{hour}:59',
        only: { received: 'all received', responded: 'arrived', withinTarget: 'arrived on time', breached: 'arrived late', open: 'still open', closed: 'closed' },
      },
    },
    replay: {
      title: 'Incident {id}', timeline: 'Timeline', units: 'Units sent', play: 'Replay', pause: 'Pause', noTrack: 'No fixes in this period',
      trackPoints: '{n} fixes', at: 'Replay at {time}', notFound: 'Incident not found',
    },
    group: { day: 'Day', week: 'Week', month: 'Month', priority: 'Priority', category: 'Category', grid: 'Grid', force: 'Force', team: 'Team', shift: 'Shift' },
  },
};
