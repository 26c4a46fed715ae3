/* Quorate: the decision chart's time axis (proposal.xhtml, p:chart extender). The x values are
   UTC times in epoch milliseconds; Chart.js has no date adapter here, so ticks and tooltip titles
   are formatted from them. */
function quorateTimeAxis() {
  var cfg = this.cfg.config;
  var time = function (v) { return new Date(v).toISOString().substring(11, 19); };
  var full = function (v) { return new Date(v).toISOString().replace('T', ' ').substring(0, 19) + ' UTC'; };
  cfg.options = cfg.options || {};
  cfg.options.scales = cfg.options.scales || {};
  var x = cfg.options.scales.x = cfg.options.scales.x || {};
  x.ticks = x.ticks || {};
  x.ticks.callback = function (value) { return time(value); };
  x.ticks.maxRotation = 0;
  x.ticks.autoSkip = true;
  cfg.options.plugins = cfg.options.plugins || {};
  cfg.options.plugins.tooltip = cfg.options.plugins.tooltip || {};
  cfg.options.plugins.tooltip.callbacks = {
    title: function (items) { return items.length ? full(items[0].parsed.x) : ''; }
  };
  window.quorateTimeAxisApplied = true;
}
