#! /usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Examples run as smoke tests, by ns-3's test.py in-tree and by CTest in the
# standalone build (cmake/quantum-standalone.cmake parses this file).
#
# A list of C++ examples to run in order to ensure that they remain
# buildable and runnable over time.  Each tuple in the list contains
#
#     (example_name, do_run, do_valgrind_run).
cpp_examples = [
    ("quantum-bell-memory-example --storageSeconds=0.5 --steps=5", "True", "True"),
    ("quantum-bell-memory-example --formalism=bd --storeBoth=false --steps=3", "True", "True"),
    ("quantum-bell-memory-example --formalism=sv --t1Seconds=2 --trajectories=200 --steps=3", "True", "True"),
    ("quantum-memory-example --t1Seconds=2 --t2Seconds=1 --steps=5", "True", "True"),
    ("quantum-memory-example --preset=nv-centre --storeBoth=false --steps=4", "True", "True"),
    ("quantum-channel-example --distanceKm=10 --photons=2000", "True", "True"),
    ("quantum-channel-example --signal=mode --distanceKm=50 --insertionLossDb=1 --photons=500 --sweep=1 --sweepPoints=3", "True", "True"),
    ("qkd-network-example --simTimeSeconds=2", "True", "True"),
    ("qkd-network-example --simTimeSeconds=2 --untrustedNode=4 --packetIntervalMs=20", "True", "True"),
    ("qkd-network-example --keySource=bb84 --simTimeSeconds=0.5", "True", "True"),
    ("quantum-repeater-chain-example --nodes=5 --linkSuccessProbability=0.3 --deliveries=50 --t2Seconds=0.1", "True", "True"),
    ("quantum-repeater-chain-example --nodes=5 --scheme=doubling --swapSuccessProbability=0.5 --cutoffAttempts=10 --purify=dejmps --linkFidelity=0.9 --deliveries=20", "True", "True"),
    ("quantum-repeater-chain-example --nodes=3 --distanceKm=2 --deliveries=3", "True", "True"),
    ("quantum-repeater-chain-example --nodes=2 --distanceKm=2 --deliveries=20", "True", "True"),
    ("quantum-repeater-chain-example --nodes=5 --scheme=doubling --purify=dejmps --purifyAtEveryLevel=1 --linkFidelity=0.9 --linkSuccessProbability=0.5 --deliveries=20", "True", "True"),
    ("quantum-repeater-chain-example --nodes=9 --classicalTransport=frames --classicalDelayUs=50 --linkSuccessProbability=0.5 --deliveries=30", "True", "True"),
    ("quantum-repeater-chain-example --nodes=3 --distanceKm=2 --classicalTransport=frames --deliveries=3", "True", "True"),
    ("quantum-teleportation-example --teleports=20", "True", "True"),
    ("quantum-heralded-entanglement-example --pairs=50", "True", "True"),
    ("quantum-heralded-entanglement-example --protocol=double-click --mode=fast --heraldTransport=udp --distanceKm=50 --pairs=50", "True", "True"),
    ("qkd-bb84-example --pulses=2000000 --framePulses=1000000", "True", "True"),
    ("qkd-bb84-example --source=single-photon --eavesdropper=intercept-resend --pulses=1000000", "True", "True"),
    ("qkd-bbm92-example --pulses=2000000 --framePulses=1000000", "True", "True"),
    ("qkd-bbm92-example --protocol=e91 --pulses=2000000", "True", "True"),
    ("qkd-bb84-example --encoding=time-bin --timeBinZError=0.01 --misalignment=0.03 --pulses=2000000 --framePulses=1000000", "True", "True"),
    ("qkd-bbm92-example --encoding=time-bin --timeBinZError=0.01 --pulses=2000000 --framePulses=1000000", "True", "True"),
    ("quantum-routing-example --pairs=5", "True", "True"),
    ("quantum-routing-example --metric=fidelity --pairs=5", "True", "True"),
    ("qkd-decoy-distance-example --stepKm=50 --detectionsPerPoint=2e4", "True", "True"),
    ("qkd-eavesdropping-example --fractionStep=0.5 --irDetections=2e4 --pnsMinKm=50 --pnsMaxKm=50 --pnsDetections=2e4", "True", "True"),
    ("qkd-satellite-pass-example --stepSeconds=30 --framePulses=1e6", "True", "True"),
    ("quantum-distributed-computing-example --algorithm=ghz --nodes=3 --pairFidelity=0.9 --shots=20", "True", "True"),
    ("quantum-distributed-computing-example --algorithm=bv --secret=101 --nodes=3 --shots=20", "True", "True"),
    ("quantum-internet-stage6-example --secret=11 --shots=10", "True", "True"),
    ("quantum-waiting-time-example --maxSegments=4 --deliveries=50", "True", "True"),
    ("quantum-nv-ghz-example --rounds=5", "True", "True"),
    ("quantum-memory-limited-example --points=2 --cutoffFractions=0,0.5 --deliveries=50", "True", "True"),
    ("quantum-internet-stage5-example --trials=100 --points=4", "True", "True"),
    ("quantum-scenario --topology=data/scenarios/two-node-qkd.xml", "True", "True"),
    ("quantum-scenario --topology=data/scenarios/repeater-teleportation.xml", "True", "True"),
    ("quantum-scenario --topology=data/scenarios/mixed-network.xml", "True", "True"),
    ("quantum-scenario --topology=data/scenarios/tutorial-1-link.xml", "True", "True"),
    ("quantum-scenario --topology=data/scenarios/tutorial-2-chain.xml", "True", "True"),
    ("quantum-scenario --topology=data/scenarios/tutorial-3-qkd.xml", "True", "True"),
    ("quantum-blind-computation-example --computation=cnot --inputA=1 --shots=20", "True", "True"),
    ("quantum-entangled-sensing-example --sensors=3 --shots=10 --estimates=5", "True", "True"),
    ("quantum-entangled-sensing-example --sensors=2 --shots=10 --estimates=5 --t2Seconds=0.001 --linkSuccessProbability=0.5 --shotTimeoutSeconds=0.0025", "True", "True"),
    ("quantum-internet-stage1-example --simTimeSeconds=1", "True", "True"),
    ("quantum-internet-stage2-example --pulses=10000000 --framePulses=5000000", "True", "True"),
    ("quantum-internet-stage3-example --pairs=2000", "True", "True"),
    ("quantum-internet-stage4-example --nodes=4 --teleports=20", "True", "True"),
]

# A list of Python examples to run in order to ensure that they remain
# runnable over time.
python_examples = []
