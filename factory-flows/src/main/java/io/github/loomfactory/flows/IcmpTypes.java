package io.github.loomfactory.flows;

/**
 * The ICMP and ICMPv6 message types that come in request and reply pairs, as the Community ID
 * spec pairs them: a request and its reply belong to one flow, while the other types are one-way
 * messages.
 */
final class IcmpTypes {

    private IcmpTypes() {
    }

    /**
     * Returns the type that answers (or is answered by) a message type.
     *
     * @param v6 true for ICMPv6, false for ICMP
     * @param type the message type
     * @return the counterpart type, or -1 for a one-way type
     */
    static int counterpart(boolean v6, int type) {
        return v6 ? switch (type) {
            case 128 -> 129; // echo request -> echo reply
            case 129 -> 128;
            case 130 -> 131; // multicast listener query -> report
            case 131 -> 130;
            case 133 -> 134; // router solicitation -> advertisement
            case 134 -> 133;
            case 135 -> 136; // neighbor solicitation -> advertisement
            case 136 -> 135;
            case 139 -> 140; // node information query -> response
            case 140 -> 139;
            case 144 -> 145; // home agent address discovery request -> reply
            case 145 -> 144;
            default -> -1;
        } : switch (type) {
            case 8 -> 0; // echo -> echo reply
            case 0 -> 8;
            case 13 -> 14; // timestamp -> timestamp reply
            case 14 -> 13;
            case 15 -> 16; // information request -> reply
            case 16 -> 15;
            case 10 -> 9; // router solicitation -> advertisement
            case 9 -> 10;
            case 17 -> 18; // address mask request -> reply
            case 18 -> 17;
            default -> -1;
        };
    }
}
