"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { UsageReport } from "@/lib/admin/usage-schemas";

// The 用量 charts (recharts, SVG): black for what went well, grey for errors, one axis each.
// Every chart has a text figure caption; the numbers behind them are in the tables below.

const INK = "#000000";
const GREY = "#a3a3a3";
const axis = { fontSize: 11, fill: "#525252" };

const shortDay = (day: string) => day.slice(5); // MM-DD

function Figure({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <figure className="flex flex-col gap-2 rounded-xl border border-neutral-200 p-3">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function DailyCharts({ report }: { report: UsageReport }) {
  const days = report.byDay.map((d) => ({
    day: shortDay(d.day),
    成功: d.calls - d.errors,
    失败: d.errors,
    积分: d.credits,
    平均耗时: d.avgLatencyMs,
  }));
  return (
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-3">
      <Figure title="每日调用（成功 / 失败）">
        <BarChart data={days} margin={{ top: 4, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid stroke="#e5e5e5" vertical={false} />
          <XAxis dataKey="day" tick={axis} tickLine={false} />
          <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="成功"
            stackId="calls"
            fill={INK}
            maxBarSize={24}
            isAnimationActive={false}
          />
          <Bar
            dataKey="失败"
            stackId="calls"
            fill={GREY}
            maxBarSize={24}
            isAnimationActive={false}
          />
        </BarChart>
      </Figure>
      <Figure title="每日消耗积分">
        <BarChart data={days} margin={{ top: 4, right: 8, left: -8, bottom: 0 }}>
          <CartesianGrid stroke="#e5e5e5" vertical={false} />
          <XAxis dataKey="day" tick={axis} tickLine={false} />
          <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
          <Tooltip />
          <Bar dataKey="积分" fill={INK} maxBarSize={24} isAnimationActive={false} />
        </BarChart>
      </Figure>
      <Figure title="每日平均耗时（毫秒，成功调用）">
        <LineChart data={days} margin={{ top: 4, right: 8, left: -8, bottom: 0 }}>
          <CartesianGrid stroke="#e5e5e5" vertical={false} />
          <XAxis dataKey="day" tick={axis} tickLine={false} />
          <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
          <Tooltip />
          <Line
            type="monotone"
            dataKey="平均耗时"
            stroke={INK}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </Figure>
    </div>
  );
}

/** Credits by model (or provider), the heaviest first, top 10. */
export function ShareChart({
  title,
  rows,
}: {
  title: string;
  rows: { name: string; credits: number; calls: number }[];
}) {
  const data = rows.slice(0, 10).map((r) => ({ name: r.name, 积分: r.credits, 调用: r.calls }));
  return (
    <Figure title={title}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, left: 8, bottom: 0 }}>
        <CartesianGrid stroke="#e5e5e5" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={axis} tickLine={false} />
        <YAxis
          type="category"
          dataKey="name"
          width={110}
          tick={axis}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip />
        <Bar dataKey="积分" fill={INK} maxBarSize={24} isAnimationActive={false} />
      </BarChart>
    </Figure>
  );
}
