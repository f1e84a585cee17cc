/**
 * One echarts instance bound to a div. The SVG renderer is used so that charts stay sharp when zoomed
 * and their labels are real text (readable by screen readers and by the browser tests).
 */
import { BarChart, GraphChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, DataZoomComponent, GeoComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, GraphChart, ScatterChart, AriaComponent, DataZoomComponent, GeoComponent, GridComponent, LegendComponent, TooltipComponent, LabelLayout, SVGRenderer]);

export interface ChartClick {
  dataType?: string;
  name?: string;
  data?: unknown;
  seriesType?: string;
}

export function EChart({
  option,
  height,
  label,
  onClick,
  testId,
}: {
  option: EChartsCoreOption;
  height: number | string;
  label: string;
  onClick?: (event: ChartClick) => void;
  testId?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (event) => clickHandler.current?.(event as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={container} style={{ width: '100%', height }} role="img" aria-label={label} data-testid={testId} />;
}
