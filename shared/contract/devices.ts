import type { EmptyArgs } from '../schemas/system'
import { emptyArgs } from '../schemas/system'
import type { DevicesApproveArgs, DevicesPairStartArgs, DevicesRefuseArgs, DevicesRenameArgs, DevicesRevokeArgs, LanEnableArgs } from '../schemas/devices'
import { devicesApproveArgs, devicesPairStartArgs, devicesRefuseArgs, devicesRenameArgs, devicesRevokeArgs, lanEnableArgs } from '../schemas/devices'
import { defineModule, type MethodTable } from './types'

/** Where the calling browser stands: the office PC's own window is 'local'. */
export type PairState = 'local' | 'unpaired' | 'pending' | 'refused' | 'approved' | 'revoked'

export interface PairStatus {
  status: PairState
  /** Shown on the device while waiting, and listed on the office PC. */
  code: string | null
  /** The name the administrator gave it, once approved. */
  name: string | null
  /** The LAN certificate's SHA-256, to compare by eye with the office PC's 设置 → 局域网访问. */
  fingerprint: string | null
}

export interface DeviceView {
  id: number
  name: string
  approvedAt: string
  approvedBy: string
  /** Since this start of the office program (null: not seen since). */
  lastSeenAt: string | null
  revokedAt: string | null
}

export interface PairRequestView {
  code: string
  label: string
  requestedAt: string
}

export interface DevicesList {
  devices: DeviceView[]
  pending: PairRequestView[]
}

export interface NetworkChoice {
  /** The network card's name as the system calls it (以太网, WLAN, eth0). */
  name: string
  address: string
}

export interface LanStatus {
  enabled: boolean
  address: string | null
  port: number
  /** https://address:port/ when enabled. */
  url: string | null
  fingerprint: string | null
  /** What the office program's listener reported last: listening, or why not. */
  listening: boolean
  problem: string | null
  interfaces: NetworkChoice[]
}

export type DevicesApi = {
  /** A LAN device asks to be paired: its 6-digit code (the same one until answered). */
  'devices.pairStart': (args: DevicesPairStartArgs) => Promise<PairStatus>
  'devices.pairStatus': (args: EmptyArgs) => Promise<PairStatus>
  'devices.list': (args: EmptyArgs) => Promise<DevicesList>
  'devices.approve': (args: DevicesApproveArgs) => Promise<DeviceView>
  'devices.refuse': (args: DevicesRefuseArgs) => Promise<{ refused: true }>
  'devices.rename': (args: DevicesRenameArgs) => Promise<DeviceView>
  /** Ends the device's access at once: its token and every login session on it. */
  'devices.revoke': (args: DevicesRevokeArgs) => Promise<DeviceView>
  'lan.status': (args: EmptyArgs) => Promise<LanStatus>
  'lan.enable': (args: LanEnableArgs) => Promise<LanStatus>
  'lan.disable': (args: EmptyArgs) => Promise<LanStatus>
}

export const devicesMethods = {
  'devices.pairStart': { args: devicesPairStartArgs, kind: 'query', permission: 'public', title: '申请设备配对' },
  'devices.pairStatus': { args: emptyArgs, kind: 'query', permission: 'public', title: '查看设备配对状态' },
  'devices.list': { args: emptyArgs, kind: 'query', permission: 'settings.manage', title: '查看局域网设备' },
  'devices.approve': { args: devicesApproveArgs, kind: 'mutation', permission: 'settings.manage', title: '批准设备' },
  'devices.refuse': { args: devicesRefuseArgs, kind: 'mutation', permission: 'settings.manage', title: '拒绝设备' },
  'devices.rename': { args: devicesRenameArgs, kind: 'mutation', permission: 'settings.manage', title: '设备改名' },
  'devices.revoke': { args: devicesRevokeArgs, kind: 'mutation', permission: 'settings.manage', title: '停用设备' },
  'lan.status': { args: emptyArgs, kind: 'query', permission: 'settings.manage', title: '查看局域网访问' },
  'lan.enable': { args: lanEnableArgs, kind: 'mutation', permission: 'settings.manage', title: '开启局域网访问' },
  'lan.disable': { args: emptyArgs, kind: 'mutation', permission: 'settings.manage', title: '关闭局域网访问' }
} satisfies MethodTable<DevicesApi>

export const devicesModule = defineModule<DevicesApi>({
  name: 'devices',
  methods: devicesMethods,
  grants: {},
  pages: [{ path: '/settings/lan', name: 'lan', title: '局域网访问', permission: 'settings.manage', parent: '/settings' }]
})
