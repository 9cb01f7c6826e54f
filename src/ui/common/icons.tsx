/**
 * The editor's icons: small inline SVGs drawn with `currentColor`, so they follow the theme.
 * Node types get the icon of their category (the UI never names node types).
 */
import type { ReactElement, SVGProps } from 'react';
import type { NodeCategory } from '../../graph/catalog';

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function Svg({ size = 16, children, ...rest }: IconProps & { children: ReactElement | ReactElement[] }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

const CATEGORY_PATHS: Record<NodeCategory, ReactElement> = {
  Sources: <path d="M2 12c2-6 4-6 6 0s4 6 6 0 4-6 6 0 2 3 2 3" />,
  Mixing: (
    <g>
      <path d="M6 4v16M12 4v16M18 4v16" />
      <rect x="4" y="13" width="4" height="3" rx="1" />
      <rect x="10" y="7" width="4" height="3" rx="1" />
      <rect x="16" y="11" width="4" height="3" rx="1" />
    </g>
  ),
  EQ: <path d="M2 16h5c2 0 3-9 5-9s3 9 5 9h5" />,
  Dynamics: (
    <g>
      <path d="M3 21 13 11c2-2 4-2.5 8-3" />
      <path d="M3 21h18M3 21V3" strokeOpacity={0.45} />
    </g>
  ),
  Space: (
    <g>
      <circle cx="6" cy="12" r="1.5" />
      <path d="M10 8a6 6 0 0 1 0 8M13.5 5a10 10 0 0 1 0 14M17 2.5a14 14 0 0 1 0 19" />
    </g>
  ),
  Output: (
    <g>
      <path d="M4 9h4l5-4v14l-5-4H4z" />
      <path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" />
    </g>
  ),
};

/** The icon of a node category. */
export function CategoryIcon({ category, ...rest }: IconProps & { category: NodeCategory }) {
  return <Svg {...rest}>{CATEGORY_PATHS[category] ?? CATEGORY_PATHS.Mixing}</Svg>;
}

const ICONS = {
  undo: <path d="M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3" />,
  redo: <path d="m15 14 5-5-5-5M20 9H9a5 5 0 0 0 0 10h3" />,
  share: (
    <g>
      <circle cx="18" cy="5" r="2.5" />
      <circle cx="6" cy="12" r="2.5" />
      <circle cx="18" cy="19" r="2.5" />
      <path d="m8.2 10.8 7.6-4.4M8.2 13.2l7.6 4.4" />
    </g>
  ),
  // A file (the graph's .json) with an arrow out of it: unlike Bounce's waveform, not a bare arrow.
  export: <path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8zM14 3v5h5M9 13.5h6M12.5 11l2.5 2.5-2.5 2.5" />,
  import: <path d="M12 15V3M7 8l5-5 5 5M5 21h14" />,
  plus: <path d="M12 5v14M5 12h14" />,
  folder: <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />,
  save: <path d="M5 3h11l3 3v13a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zM7 3v6h9V3M7 21v-7h10v7" />,
  note: <path d="M5 3h14v12l-6 6H5zM13 21v-6h6" />,
  power: <path d="M12 3v8M6.3 7.3a8 8 0 1 0 11.4 0" />,
  reset: <path d="M3 12a9 9 0 1 0 3-6.7M3 4v5h5" />,
  alert: <path d="M12 8v5M12 16.5v.5M10.3 3.9 2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />,
  check: <path d="m5 12 5 5 9-10" />,
  chevron: <path d="m6 9 6 6 6-6" />,
  search: (
    <g>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </g>
  ),
  group: <path d="M3 7V3h4M17 3h4v4M21 17v4h-4M7 21H3v-4M8 8h8v8H8z" />,
  trash: <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />,
  keyboard: (
    <g>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
    </g>
  ),
  play: <path d="M7 4v16l13-8z" />,
  pause: <path d="M8 5v14M16 5v14" />,
  stop: <rect x="6" y="6" width="12" height="12" rx="1.5" />,
  loop: <path d="M17 2l3 3-3 3M4 11V9a4 4 0 0 1 4-4h12M7 22l-3-3 3-3M20 13v2a4 4 0 0 1-4 4H4" />,
  headphones: <path d="M4 15v-3a8 8 0 0 1 16 0v3M4 15h3v6H5a1 1 0 0 1-1-1zM20 15h-3v6h2a1 1 0 0 0 1-1z" />,
  map: <path d="M9 4 3 6v14l6-2 6 2 6-2V4l-6 2zM9 4v14M15 6v14" />,
  fit: <path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" />,
  // A waveform: the mix rendered to audio (Export is a file, so the two differ at a glance).
  bounce: <path d="M2 12c1.7-5 3.3-5 5 0s3.3 5 5 0 3.3-5 5 0 3.3 5 5 0" />,
  // A record: many songs mastered as one album.
  album: <path d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4z" />,
} satisfies Record<string, ReactElement>;

/** Names of the editor's UI icons. */
export type IconName = keyof typeof ICONS;

/** One UI icon by name. */
export function Icon({ name, ...rest }: IconProps & { name: IconName }) {
  return <Svg {...rest}>{ICONS[name]}</Svg>;
}
