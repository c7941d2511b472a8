import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api/client';
import type { Body, Page, Power, Sector, Text, Workflow } from './api/types';
import { useT } from './i18n';

/** Reference data loaded once after login: workflows (stage labels), bodies, sectors, the power catalogue. */
export interface Reference {
  ready: boolean;
  workflows: Workflow[];
  bodies: Body[];
  sectors: Sector[];
  powers: Power[];
  bodyName: (id: string | null | undefined) => string;
  stageLabel: (stage: string) => string;
  sectorLabel: (id: string) => string;
  powerTitle: (id: string) => string;
  /** Stages in workflow order, both kinds merged. */
  stageOrder: string[];
  terminalStages: Set<string>;
}

const Ctx = createContext<Reference | null>(null);

/**
 * The stages of several workflows in one order that keeps each one's own (as the server's
 * mergedStageOrder): a stage only one workflow has goes right after its predecessor there.
 */
export function mergedStageOrder(workflows: ReadonlyArray<Pick<Workflow, 'stages'>>): string[] {
  const order: string[] = [];
  for (const w of workflows) {
    let previous: string | undefined;
    for (const stage of Object.keys(w.stages)) {
      if (!order.includes(stage)) order.splice(previous === undefined ? 0 : order.indexOf(previous) + 1, 0, stage);
      previous = stage;
    }
  }
  return order;
}

export function ReferenceProvider({ children }: { children: ReactNode }) {
  const { lang, tx } = useT();
  const [data, setData] = useState<{ workflows: Workflow[]; bodies: Body[]; sectors: Sector[]; powers: Power[] } | null>(null);

  useEffect(() => {
    let live = true;
    const settle = <T,>(p: Promise<T>, fallback: T) => p.catch(() => fallback);
    void Promise.all([
      settle(api.get<Workflow[]>('/api/v1/workflows'), []),
      settle(api.get<Page<Body>>('/api/v1/bodies', { limit: 500 }), { items: [], total: 0, limit: 0, offset: 0 }),
      settle(api.get<Sector[]>('/api/v1/sectors'), []),
      settle(api.get<Page<Power>>('/api/v1/powers', { limit: 500 }), { items: [], total: 0, limit: 0, offset: 0 }),
    ]).then(([workflows, bodies, sectors, powers]) => {
      if (live) setData({ workflows, bodies: bodies.items, sectors, powers: powers.items });
    });
    return () => {
      live = false;
    };
  }, []);

  const bodyName = useCallback(
    (id: string | null | undefined) => {
      if (!id) return '—';
      // Never the code while the names load: an ellipsis until then.
      if (!data) return '…';
      const b = data.bodies.find((x) => x.id === id);
      return b ? (lang === 'en' ? b.nameEn : b.nameVi) : id;
    },
    [data, lang],
  );

  const value = useMemo<Reference>(() => {
    const workflows = data?.workflows ?? [];
    const stageText = new Map<string, Text>();
    const terminal = new Set<string>();
    for (const w of workflows) {
      for (const [s, def] of Object.entries(w.stages)) {
        if (!stageText.has(s)) stageText.set(s, def.label);
        if (def.terminal) terminal.add(s);
      }
    }
    const stageOrder = mergedStageOrder(workflows);
    return {
      ready: data !== null,
      workflows,
      bodies: data?.bodies ?? [],
      sectors: data?.sectors ?? [],
      powers: data?.powers ?? [],
      bodyName,
      stageLabel: (stage) => (stageText.has(stage) ? tx(stageText.get(stage)) : data ? stage : '…'),
      sectorLabel: (id) => {
        const s = data?.sectors.find((x) => x.id === id);
        return s ? tx(s.label) : data ? id : '…';
      },
      powerTitle: (id) => {
        const p = data?.powers.find((x) => x.id === id);
        return p ? (lang === 'en' ? p.titleEn : p.titleVi) : data ? id : '…';
      },
      stageOrder,
      terminalStages: terminal.size ? terminal : new Set(['rejected', 'withdrawn', 'revoked', 'expired']),
    };
  }, [data, bodyName, lang, tx]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useReference(): Reference {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useReference outside ReferenceProvider');
  return ctx;
}
