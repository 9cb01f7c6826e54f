/**
 * The canvas's bottom-right corner: the minimap (small and translucent so the graph shows through)
 * and, above it, the view buttons — zoom in/out, fit view, show/hide the map (remembered; see
 * minimapState.ts). Everything sits in one corner so fit view has one area to keep nodes out of.
 */
import { ControlButton, Controls, MiniMap } from '@xyflow/react';
import { Icon } from '../common/icons';
import type { FlowNode } from './flowTypes';
import { CONTROLS_SIZE, MINIMAP_SIZE, setMinimapShown, useMinimapShown } from './minimapState';

/**
 * The minimap and the view controls; `onFit` runs fit view. `showMap` false leaves the map out
 * whatever the user chose (very large graphs: the map would redraw every node on every change).
 */
export function CanvasCorner({ nodeColor, onFit, showMap = true }: { nodeColor: (node: FlowNode) => string; onFit: () => void; showMap?: boolean }) {
  const shown = useMinimapShown() && showMap;
  return (
    <>
      {shown && (
        <MiniMap<FlowNode>
          pannable
          zoomable
          nodeColor={nodeColor}
          nodeStrokeWidth={0}
          maskColor="rgba(10, 13, 18, 0.45)"
          ariaLabel="Mini map"
          style={{ width: MINIMAP_SIZE.width, height: MINIMAP_SIZE.height }}
        />
      )}
      <Controls
        position="bottom-right"
        orientation="horizontal"
        showInteractive={false}
        showFitView={false}
        style={shown ? { bottom: MINIMAP_SIZE.height + CONTROLS_SIZE.gap } : undefined}
      >
        <ControlButton className="react-flow__controls-fitview" onClick={onFit} title="Fit view (F)" aria-label="Fit view">
          <Icon name="fit" size={14} />
        </ControlButton>
        <ControlButton
          className="mg-minimap-toggle"
          onClick={() => setMinimapShown(!shown)}
          aria-pressed={shown}
          title={shown ? 'Hide the mini map' : 'Show the mini map'}
          aria-label={shown ? 'Hide mini map' : 'Show mini map'}
        >
          <Icon name="map" size={14} />
        </ControlButton>
      </Controls>
    </>
  );
}
