// Gene panels: bundle panels by name, symbol lists and PanelApp TSVs, restrict or rank-first.
export { loadPanel, parsePanel, parsePanelTable, panelPolicy, PanelError, type Panel, type PanelGene, type PanelWarning, type PanelOptions, type PanelUse, type Confidence } from './panel.js'
export { modesOfInheritance } from './moi.js'
