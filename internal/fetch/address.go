package fetch

import (
	"net/netip"
)

// blockedPrefixes are the address ranges a fetch must never reach unless
// private addresses are allowed: the host itself, its networks, and the
// cloud metadata services that hand out credentials. netip's own tests
// (IsLoopback, IsPrivate, IsLinkLocalUnicast, ...) cover most of them; the
// ranges below are the ones those tests miss.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),         // "this network"; 0.0.0.0 reaches the host
	netip.MustParsePrefix("100.64.0.0/10"),     // carrier-grade NAT (RFC 6598); Alibaba's metadata 100.100.100.200
	netip.MustParsePrefix("192.0.0.0/24"),      // IETF protocol assignments; Oracle's metadata 192.0.0.192
	netip.MustParsePrefix("198.18.0.0/15"),     // benchmarking networks, used inside data centres
	netip.MustParsePrefix("240.0.0.0/4"),       // reserved, and 255.255.255.255 broadcast
	netip.MustParsePrefix("64:ff9b::/96"),      // NAT64: reaches any IPv4 address, private ones too
	netip.MustParsePrefix("64:ff9b:1::/48"),    // local-use NAT64 (RFC 8215)
	netip.MustParsePrefix("2002::/16"),         // 6to4: embeds an IPv4 address
	netip.MustParsePrefix("2001::/32"),         // Teredo: embeds an IPv4 address
	netip.MustParsePrefix("fd00:ec2::254/128"), // AWS metadata over IPv6 (also inside fc00::/7)
	netip.MustParsePrefix("100::/64"),          // discard-only (RFC 6666)
}

// Blocked reports whether addr belongs to the host's own network or a
// metadata service: loopback, private (RFC 1918, unique local), link-local
// (169.254.169.254 and fe80::), carrier-grade NAT, unspecified, multicast,
// broadcast and reserved ranges, and IPv6 forms that embed an IPv4 address.
// An IPv4-mapped IPv6 address is judged as the IPv4 address it maps.
func Blocked(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsValid() {
		return true
	}
	if addr.IsLoopback() || addr.IsPrivate() || addr.IsLinkLocalUnicast() || addr.IsLinkLocalMulticast() ||
		addr.IsInterfaceLocalMulticast() || addr.IsMulticast() || addr.IsUnspecified() || !addr.IsGlobalUnicast() {
		return true
	}
	for _, p := range blockedPrefixes {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
